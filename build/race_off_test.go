//go:build !race

package build

// raceDetector is set when the tests run with -race, which makes them many
// times slower: the pathological tests then use smaller inputs.
const raceDetector = false
