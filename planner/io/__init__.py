"""Reading and checking the files people bring: uploads, imported curriculum and mappings, the JSON plan bundle."""
