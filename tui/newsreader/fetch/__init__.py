"""Getting articles from the web: pages and feeds fetched over HTTP (``http``), feeds
read (``feeds``), imported into the library (``web``), and the feeds a reader follows
(``subscriptions``). No Textual import; httpx and feedparser load only when used."""
