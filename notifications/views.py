"""The notification centre's pages: the list, mark read, and email preferences."""
