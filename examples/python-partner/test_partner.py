"""Unit tests of the example partner's frame codec and lookup (python3 -m unittest, standard library)."""

import struct
import unittest

import partner


class FrameCodecTest(unittest.TestCase):
    def test_frames_split_anywhere_in_the_stream_are_put_back_together(self):
        stream = partner.encode_frame({"type": "pong"}) + partner.encode_frame(
            {"type": "message", "body": {"signals": {"c_category": ["shoes"]}}}
        )
        reader = partner.FrameReader()
        frames = []
        for i in range(len(stream)):
            frames.extend(reader.feed(stream[i : i + 1]))
        self.assertEqual([f["type"] for f in frames], ["pong", "message"])

    def test_a_frame_is_a_big_endian_length_then_utf8_json(self):
        data = partner.encode_frame({"type": "ping"})
        (length,) = struct.unpack(">I", data[:4])
        self.assertEqual(length, len(data) - 4)
        self.assertEqual(data[4:].decode("utf-8"), '{"type":"ping"}')

    def test_a_frame_over_the_cap_ends_the_connection(self):
        with self.assertRaises(ConnectionError):
            partner.FrameReader().feed(struct.pack(">I", partner.MAX_FRAME_BYTES + 1))


class LookupTest(unittest.TestCase):
    def test_segments_are_the_union_of_the_table_entries_for_the_visitors_signals(self):
        answer = partner.lookup(
            {"uuid": "1", "signals": {"c_category": ["shoes", "sports", "shoes"], "c_brand": ["acme"]}},
            partner.DEFAULT_TABLE,
            600,
        )
        self.assertEqual(answer, {"segments": ["py-shoe-lover", "py-athlete", "py-acme-fan"], "ttl": 600})

    def test_unknown_signals_give_an_empty_list_which_means_no_data(self):
        answer = partner.lookup({"signals": {"c_color": ["red"]}}, partner.DEFAULT_TABLE, 60)
        self.assertEqual(answer, {"segments": [], "ttl": 60})

    def test_a_body_that_is_not_a_lookup_is_refused(self):
        with self.assertRaises(ValueError):
            partner.lookup("not an object", partner.DEFAULT_TABLE, 600)
        with self.assertRaises(ValueError):
            partner.lookup({"signals": ["c_category"]}, partner.DEFAULT_TABLE, 600)


if __name__ == "__main__":
    unittest.main()
