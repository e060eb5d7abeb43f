package org.rarelabs.opensearch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one real OpenSearch node in this JVM for local development and CI.
 *
 * <p>Usage: {@code java -jar rarelabs-opensearch.jar --base DIR [--port N] [--cluster NAME]}.
 * The port also comes from {@code OPENSEARCH_PORT}; the default is 9200. When the port is taken,
 * the next free one (up to +20) is used and said so. Once the node answers, the URL is written to
 * {@code DIR/node.url}, which the launcher script reads. SIGTERM closes the node cleanly.
 */
public final class NodeMain {

    /** How far above the asked-for port we look for a free one. */
    private static final int PORT_SEARCH_SPAN = 20;

    /**
     * The modules we load from the classpath. The runner skips a missing class silently, so we
     * check each one first and stop with a clear message instead of starting a crippled node.
     */
    private static final List<String> MODULES = List.of(
            // synonym_graph, edge_ngram, asciifolding, lowercase normalizers, ...
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
            // search_as_you_type, rank_feature, scaled_float, ...
            "org.opensearch.index.mapper.MapperExtrasPlugin",
            // the HTTP and transport layers
            "org.opensearch.transport.Netty4Plugin",
            "org.opensearch.painless.PainlessPlugin",
            "org.opensearch.script.mustache.MustachePlugin",
            "org.opensearch.index.reindex.ReindexPlugin",
            "org.opensearch.ingest.common.IngestCommonPlugin",
            "org.opensearch.join.ParentJoinPlugin",
            "org.opensearch.index.rankeval.RankEvalPlugin",
            "org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin");

    private NodeMain() {
    }

    public static void main(final String[] args) throws Exception {
        // OpenSearch manages log4j itself; its own shutdown hook would drop our closing logs.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");

        final Options opts = Options.parse(args);
        checkModules();

        final int port = pickPort(opts.port);
        if (port < 0) {
            fail(3, "ports " + opts.port + ".." + (opts.port + PORT_SEARCH_SPAN)
                    + " on 127.0.0.1 are all in use; pass --port or set OPENSEARCH_PORT");
        }
        if (port != opts.port) {
            System.out.println("[rarelabs] port " + opts.port + " is in use; using " + port
                    + " instead");
        }

        final Path base = Paths.get(opts.base).toAbsolutePath();
        Files.createDirectories(base);
        final Path urlFile = base.resolve("node.url");
        Files.deleteIfExists(urlFile);

        final OpenSearchRunner runner = new OpenSearchRunner();
        // We choose the port ourselves; stop the runner from probing 9201.. on its own.
        runner.setMaxHttpPort(-1);
        final CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[rarelabs] stopping the node");
            try {
                runner.close();
            } catch (final IOException e) {
                System.err.println("[rarelabs] error while closing: " + e.getMessage());
            }
            try {
                Files.deleteIfExists(urlFile);
            } catch (final IOException e) {
                System.err.println("[rarelabs] could not remove " + urlFile);
            }
            closed.countDown();
        }, "rarelabs-node-shutdown"));

        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(port));
            settings.put("transport.port", "9300-9399");
            settings.put("discovery.type", "single-node");
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            // A dev disk is often fuller than 90%; the watermarks would then refuse new shards.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("action.destructive_requires_name", "false");
        }).build(OpenSearchRunner.newConfigs()
                .basePath(base.toString())
                .numOfNode(1)
                // The runner numbers nodes from 1 and prints base + 1 as the HTTP port.
                .baseHttpPort(port - 1)
                .clusterName(opts.cluster)
                .moduleTypes(String.join(",", MODULES))
                .printOnFailure());

        runner.ensureYellow();
        final String url = "http://127.0.0.1:" + port;
        Files.writeString(urlFile, url + "\n", StandardCharsets.UTF_8);
        System.out.println("[rarelabs] OpenSearch is up: OPENSEARCH_URL=" + url);
        closed.await();
    }

    /** Returns the first port at or above {@code wanted} we can bind on 127.0.0.1, or -1. */
    static int pickPort(final int wanted) {
        for (int p = wanted; p <= wanted + PORT_SEARCH_SPAN && p < 65536; p++) {
            if (isFree(p)) {
                return p;
            }
        }
        return -1;
    }

    private static boolean isFree(final int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private static void checkModules() {
        for (final String name : MODULES) {
            try {
                Class.forName(name);
            } catch (final ClassNotFoundException | LinkageError e) {
                fail(2, "module class " + name + " is not on the classpath (" + e + ");"
                        + " rebuild with opensearch/run.sh");
            }
        }
    }

    private static void fail(final int code, final String message) {
        System.err.println("[rarelabs] " + message);
        System.exit(code);
    }

    /** Command-line options; flags win over the environment. */
    private record Options(String base, int port, String cluster) {

        static Options parse(final String[] args) {
            String base = null;
            String env = System.getenv("OPENSEARCH_PORT");
            int port = env == null || env.isBlank() ? 9200 : parsePort(env);
            String cluster = "rarelabs";
            for (int i = 0; i < args.length; i++) {
                final String a = args[i];
                if (i + 1 >= args.length) {
                    fail(2, "missing value after " + a);
                }
                switch (a) {
                    case "--base" -> base = args[++i];
                    case "--port" -> port = parsePort(args[++i]);
                    case "--cluster" -> cluster = args[++i];
                    default -> fail(2, "unknown argument " + a
                            + "; usage: --base DIR [--port N] [--cluster NAME]");
                }
            }
            if (base == null) {
                fail(2, "--base DIR is required (the node's home, e.g. var/opensearch)");
            }
            return new Options(base, port, cluster);
        }

        private static int parsePort(final String s) {
            try {
                final int p = Integer.parseInt(s.trim());
                if (p > 0 && p < 65536) {
                    return p;
                }
            } catch (final NumberFormatException e) {
                // fall through to the message below
            }
            fail(2, "not a port: " + s);
            return -1;
        }
    }
}
