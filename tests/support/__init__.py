"""Helpers shared by the test modules (fixtures are in tests/conftest.py).

Imported as `tests.support...`: pyproject.toml puts the repository on pytest's
`pythonpath`, so no test module needs to import another one, or conftest, by
bare name.
"""
