#pragma once

namespace docket {

// Opens the workstation; returns the application's exit code.
int runGui(int argc, char **argv, void (*setIdentity)());

} // namespace docket
