package serve

import "syscall"

// sharedFS names the file system of dir when it is one whose changes
// inotify may not report: a network or shared folder, where the edits made
// on another machine (or the host of a virtual machine or container) never
// reach this kernel's inotify. It returns "" for a local file system.
func sharedFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	switch uint32(st.Type) {
	case 0x6969:
		return "NFS"
	case 0x517b, 0xff534d42, 0xfe534d42:
		return "SMB"
	case 0x01021997:
		return "9p (a WSL or virtual machine shared folder)"
	case 0x6a656a63:
		return "virtiofs (a virtual machine or container shared folder)"
	case 0x786f4256:
		return "VirtualBox shared folder"
	case 0x65735546:
		return "FUSE"
	case 0x5346414f:
		return "AFS"
	case 0x00c36400:
		return "Ceph"
	}
	return ""
}
