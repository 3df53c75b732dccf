"""The one exception type that means "the user can fix this".

The CLI prints a `UserError` as a single line and exits non-zero; anything
else is a bug in the course tooling and keeps its traceback.
"""


class UserError(Exception):
    """A problem caused by input or environment, with the fix in the message."""
