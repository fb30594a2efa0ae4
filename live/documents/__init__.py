"""The documents the dialogue produces: the conclusion notice, the briefing pack, exports and QR codes."""
