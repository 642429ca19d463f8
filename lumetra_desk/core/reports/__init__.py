"""Records a regulator may ask for: the request register, yearly metrics, and retention of old cases."""
