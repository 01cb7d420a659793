"""The command line: parses input, calls one use-case, prints the answer."""
