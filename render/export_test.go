package render

// FrontPageMax is frontPageMax, for the tests of render_test.
const FrontPageMax = frontPageMax
