"""Labeled data -> fitted models -> published version; version + test data -> report."""
