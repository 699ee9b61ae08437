"""The answer wing: everything one answer does, from the request to the next board.

parsing (one typed reading of a submission) -> access (may this student answer this
item here?) -> service (`answer_item`: record, update mastery, build the board) ->
queries (every statement on the path). The row <-> engine-state translation is
`learning.engine_state`; the engine itself is pure (`learnloop.engine`).
"""
