"""Expected values shared by several test modules, written out rather than computed."""

# The paragraph numbers of VC/15: the published file had a second 10.8 where 10.9 belongs and a
# 10.2 in section 11 where 11.2 belongs; item 3 has no numbered paragraph.
VC15_NUMBERS = (
    ["1.1", "1.2", "1.3", "2.1", "2.2", "4.1", "5.1", "5.2"]
    + [f"6.{i}" for i in range(1, 7)]
    + [f"7.{i}" for i in range(1, 9)]
    + [f"8.{i}" for i in range(1, 13)]
    + ["9.1", "9.2", "9.3"]
    + [f"10.{i}" for i in range(1, 10)]
    + ["11.1", "11.2", "11.3"]
)
