"""Study and session reports (PDF, reportlab) and tidy tabular exports (CSV) — no Qt."""
