#!/usr/bin/env python3
"""Damages an eddy checkpoint store the ways tests/shell/checkpoint_damage.t needs.

    damage_checkpoint.py DB flip-key-group [WHICH]   one bit of a key-group blob of a checkpoint
    damage_checkpoint.py DB flip-operator [WHICH]    one bit of an operator's named values
    damage_checkpoint.py DB version N             PRAGMA user_version = N (a "newer" format)

WHICH is a checkpoint id, `newest` (the default) or `previous` (the one before the newest). A flip goes through SQLite (the row's checksum column is
left as it was), so it changes exactly one bit of the blob and nothing of the file's structure:
what bit rot inside a blob looks like to eddy. Prints what it changed.
"""

import sqlite3
import sys


def checkpoint_id(db, args):
    """ID, or `newest` (the default) or `previous` (the one before the newest)."""
    which = args[0] if args else "newest"
    if which == "newest":
        return db.execute("SELECT max(id) FROM checkpoints").fetchone()[0]
    if which == "previous":
        return db.execute("SELECT id FROM checkpoints ORDER BY id DESC LIMIT 1 OFFSET 1").fetchone()[0]
    return int(which)


def flip(blob):
    changed = bytearray(blob)
    changed[len(changed) // 2] ^= 0x10
    return bytes(changed)


def flip_key_group(db, args):
    cid = checkpoint_id(db, args)
    operator, group, state = db.execute(
        "SELECT operator_id, key_group, state FROM key_groups WHERE checkpoint_id = ? "
        "AND length(state) > 0 ORDER BY operator_id, key_group LIMIT 1", (cid,)).fetchone()
    db.execute("UPDATE key_groups SET state = ? WHERE checkpoint_id = ? AND operator_id = ? "
               "AND key_group = ?", (flip(state), cid, operator, group))
    print("flipped a bit of checkpoint %d, operator %d, key group %d" % (cid, operator, group))


def flip_operator(db, args):
    cid = checkpoint_id(db, args)
    operator, values = db.execute(
        "SELECT operator_id, named_values FROM operators WHERE checkpoint_id = ? "
        "AND length(named_values) > 0 ORDER BY operator_id DESC LIMIT 1", (cid,)).fetchone()
    db.execute("UPDATE operators SET named_values = ? WHERE checkpoint_id = ? "
               "AND operator_id = ?", (flip(values), cid, operator))
    print("flipped a bit of checkpoint %d, operator %d's values" % (cid, operator))


def version(db, args):
    db.execute("PRAGMA user_version = %d" % int(args[0]))
    print("user_version = %d" % int(args[0]))


def main():
    path, action, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    actions = {"flip-key-group": flip_key_group, "flip-operator": flip_operator,
               "version": version}
    db = sqlite3.connect(path)
    actions[action](db, args)
    db.commit()
    db.close()


if __name__ == "__main__":
    main()
