"""The main window, split by job: `main_window` assembles the parts of the other modules."""
