"""The telecom vocabulary: call records, verdicts on calls, block requests to operators."""
