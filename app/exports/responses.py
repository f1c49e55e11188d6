"""Exports as downloads: the bytes with their content type and a file name the browser keeps."""
import io

from flask import send_file

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ICS = "text/calendar"
CSV = "text/csv"


def download(data: bytes, filename: str, mimetype: str):
    """An attachment response; `send_file` encodes non-ASCII file names (RFC 6266). Its caching is
    the app's (`_set_cache_headers`): private for a signed-in user, revalidated for the public."""
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)
