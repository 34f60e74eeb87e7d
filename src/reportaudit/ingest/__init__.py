"""Turn a file's bytes into clean text: .txt (UTF-8/GB18030 detected), .docx, .pdf.

Public API: ``extract(data, filename) -> Extracted``; raises ``IngestError``.
"""
