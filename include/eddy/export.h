// EDDY_EXPORT marks what libeddy.so exports: every class and free function declared in
// include/eddy/ (docs/architecture.md, "The public boundary"). eddy is compiled with hidden
// visibility, so anything without it stays inside the library; a public declaration that lacks
// it links inside eddy's own build but fails with "undefined reference" in a program built
// against the installed library (the packaging tests build examples/embed that way).
#pragma once

#define EDDY_EXPORT __attribute__((visibility("default")))
