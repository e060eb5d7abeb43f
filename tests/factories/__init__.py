"""factory_boy factories: test data built through the real ORM into the real database."""
