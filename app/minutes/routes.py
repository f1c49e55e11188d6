"""Minutes pages: the editor item by item, revisions, approval, locking, the Word export."""
