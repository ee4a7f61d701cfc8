// chronicle serve: reload the page when the site is rebuilt.
//
// The server streams the id of its latest build (Server-Sent Events). This
// page came from the build named in data-build; when the stream names
// another one, the page reloads, keeping its scroll position. The browser
// reconnects by itself after the server stops; a restarted server has new
// build ids, so the page reloads then too.
//
// A browser opens at most six connections to one server, and a stream holds
// one for as long as its page is open: six open pages would leave none for
// the seventh. So the pages of one browser share one stream: the page that
// holds a Web Lock reads it and passes each build id to the others over a
// BroadcastChannel. When it closes or reloads, the lock, and the stream,
// pass to another page. Where these are missing (an address that is not
// this computer's), each visible page reads its own stream.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var key = "chronicle-serve-scroll:" + location.pathname + location.search;
  var reloading = false;

  function restore() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
    } catch (e) {}
    if (!saved) {
      return;
    }
    var pos = saved.split(",");
    var x = Number(pos[0]) || 0;
    var y = Number(pos[1]) || 0;
    window.scrollTo(x, y);
    // Late layout (fonts, images) can move it: set it again once loaded.
    if (document.readyState !== "complete") {
      window.addEventListener("load", function () { window.scrollTo(x, y); }, { once: true });
    }
  }

  function reload() {
    if (reloading) {
      return;
    }
    reloading = true;
    try {
      sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
    } catch (e) {}
    location.reload();
  }

  // check reloads the page when id names a build other than its own.
  function check(id) {
    if (id && id !== build) {
      reload();
    }
  }

  // stream reads the server's stream, giving each build id to onBuild,
  // until the stream fails for good; then it calls onEnd.
  function stream(onBuild, onEnd) {
    var es = new EventSource("/_chronicle/events");
    es.addEventListener("build", function (ev) { onBuild(ev.data); });
    es.onerror = function () {
      // The browser retries by itself, unless the stream failed for good
      // (an error status).
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        onEnd();
      }
    };
    return es;
  }

  // retrying calls start again after a failure, more slowly each time.
  function retrying(start) {
    var delay = 1000;
    function again() {
      setTimeout(function () { start(again); }, delay);
      delay = Math.min(delay * 2, 10000);
    }
    start(again);
  }

  function shared() {
    var channel = new BroadcastChannel("chronicle-serve");
    channel.onmessage = function (ev) { check(ev.data); };
    navigator.locks.request("chronicle-serve-stream", function () {
      // Held until this page goes: the promise never settles.
      return new Promise(function () {
        retrying(function (again) {
          stream(function (id) {
            channel.postMessage(id);
            check(id);
          }, again);
        });
      });
    });
    // A build may have come before this page joined the channel.
    fetch("/_chronicle/build", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(check, function () {});
  }

  function alone() {
    // Only a visible page keeps a stream open; a page that comes back into
    // view reconnects, and the first event says whether it missed a build.
    var es = null;
    function connect() {
      if (es || document.hidden) {
        return;
      }
      retrying(function (again) {
        es = stream(check, function () {
          es = null;
          if (!document.hidden) {
            again();
          }
        });
      });
    }
    document.addEventListener("visibilitychange", function () {
      if (document.hidden && es) {
        es.close();
        es = null;
      } else {
        connect();
      }
    });
    window.addEventListener("pageshow", connect);
    connect();
  }

  var overlay = document.getElementById("chronicle-overlay");
  if (overlay) {
    var hide = overlay.querySelector(".chronicle-hide");
    if (hide) {
      hide.hidden = false;
      hide.addEventListener("click", function () { overlay.hidden = true; });
    }
  }

  restore();
  if (navigator.locks && typeof BroadcastChannel === "function") {
    shared();
  } else {
    alone();
  }
})();
