"""Pure-Python core: the methods of design section 4. No Qt, no SQL, no sessions."""
