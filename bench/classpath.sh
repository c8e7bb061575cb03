# Sourced by the run-*.sh scripts (from the project root): compiles the tests, then exports the
# classpaths (BENCH_APP_CLASSPATH: the app alone; BENCH_CLASSPATH: with the test classes) and BENCH_COMMIT,
# the commit the printed figures belong to ("+changes" when the working copy differs from it).
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
export BENCH_APP_CLASSPATH="target/classes:$(cat target/bench.classpath)"
export BENCH_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo '+changes')"
export BENCH_COMMIT
echo "uptime: $(uptime)"
