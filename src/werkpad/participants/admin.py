# Participant files are deliberately not registered in the Django admin: every read of a file
# must go through the scoped access layer and the access log, which the admin bypasses.
