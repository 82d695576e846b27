"""The use cases pages call: each takes the store and the person acting, and saves all or nothing."""
