"""The rules of the profession and of a person's development: models and pure functions, no input or output."""
