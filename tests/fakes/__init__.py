"""Fakes for what lies outside the machine (job boards), served over real HTTP on loopback."""
