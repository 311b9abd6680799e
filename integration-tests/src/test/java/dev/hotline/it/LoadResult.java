package dev.hotline.it;

/** What a load generator reports: responses received, requests that failed (errors or non-2xx), which generator. */
record LoadResult(String generator, long requests, long failures) {
}
