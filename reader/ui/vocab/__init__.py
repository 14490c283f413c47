"""Vocabulary in the GUI: the lists panel, the article's statistics, importing lists, and
the controller that wires adding words and statuses into the main window."""
