"""Use cases shared by the CLI, the TUI and the exports: read files, call the core, store.

These are the only functions that do file I/O and talk to the store on the user's behalf;
the CLI and TUI only parse input and present results.
"""
