"""`make bench`: throughput and memory of every Meltano pipeline against a COPY baseline.

Runs on a private stack (free ports, temporary folder), never on the developer's stack.
"""
