"""Tables from users, read as hostile: every file inside hard limits of memory and time.

Takes the bytes of an uploaded CSV or workbook (GBK, yearbook-shaped, misnamed, malformed);
gives a validated long table of indicator values with row-and-column problems named, or a clear
refusal (``read``). ``confined`` runs each reader in a child process with its limits.
"""
