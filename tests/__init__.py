"""a11yrender's test suite."""
