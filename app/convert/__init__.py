"""Conversion to PDF in child processes (LibreOffice headless, a PDF checker), cached by content.

Lower than every feature: it knows files and bytes, nothing of meetings or documents.
"""
from app.convert.converter import Conversion, convert_many, convert_to_pdf, is_available, soffice_path

__all__ = ["Conversion", "convert_many", "convert_to_pdf", "is_available", "soffice_path"]
