"""The report: built once from a review, rendered as Markdown (and the blank pro forma)."""
