"""Extract the HTML pages of many WARC files with PySpark: one task per file, JSON Lines out.

    spark-submit spark_warc.py OUTPUT_DIR WARC_FILE...

Every executor needs the `gleaner` package (`pip install ./bindings/python` in the Python
that Spark runs, or ship it with `--py-files`/an archive of the environment). Each task
streams its file through gleaner's Rust WARC reader with bounded memory, so a task's
memory does not grow with the size of its file. WARC files on S3 or HDFS (Common Crawl's,
say) are first copied to local disk by the task, or read from a mounted path.
"""
from __future__ import annotations

import json
import sys
from typing import Iterable, Iterator, List


def extract_file(path: str) -> Iterator[str]:
    """The pages of one WARC file, as JSON lines. Runs on an executor."""
    import gleaner
    import gleaner.warc

    reader = gleaner.warc.Reader(path, gleaner.Extractor())
    with reader:
        for page in reader:
            yield json.dumps(page, ensure_ascii=False)
    for message in reader.errors:
        # broken records are skipped; say so in the executor's log
        print(f"gleaner: {path}: {message}", file=sys.stderr)


def run(spark, paths: List[str], output: str) -> None:
    """Extracts `paths` with one task per file and writes JSON Lines under `output`."""
    rdd = spark.sparkContext.parallelize(paths, numSlices=max(1, len(paths))).flatMap(extract_file)
    rdd.saveAsTextFile(output)


def main(argv: Iterable[str]) -> None:
    from pyspark.sql import SparkSession

    args = list(argv)
    if len(args) < 2:
        sys.exit("usage: spark_warc.py OUTPUT_DIR WARC_FILE...")
    spark = SparkSession.builder.appName("gleaner-warc").getOrCreate()
    try:
        run(spark, args[1:], args[0])
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
