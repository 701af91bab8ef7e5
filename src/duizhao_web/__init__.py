"""duizhao's web application: a Django shell over the pure core in :mod:`duizhao`.

Only ``reviews.services`` calls the core's review; views validate a form, make one service call,
then redirect or render.
"""
