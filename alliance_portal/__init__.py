"""Alliance Portal: the project package, and the app that holds alliances."""
