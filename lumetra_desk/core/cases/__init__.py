"""Case work: opening cases, their deadlines, and (in later modules) the workflow around them."""
