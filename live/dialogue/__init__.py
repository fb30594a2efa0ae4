"""The dialogue's domain: events, questions, votes, merges, answers, moderation, intake and what
follows the session. Plain functions over a storage.Store; no Flask here."""
