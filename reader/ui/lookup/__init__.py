"""Looking words up: the popup beside a tapped word, its HTML content, the dictionary search box."""
