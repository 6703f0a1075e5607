// DynamoDB Local's own start-up (ServerRunner), with its HTTP connector bound to 127.0.0.1 before it
// starts. DynamoDB Local has no option for the address: its Jetty server listens on every interface, with
// no credentials, so anyone on the network could read the local case data. Compiled once per DynamoDB Local
// version by infra/local/dynamodb.ts. Telemetry is never configured, so none is sent.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

final class DynamoDBLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    if (server.getConnectors().length == 0) throw new IllegalStateException("DynamoDB Local has no connector");
    for (Connector c : server.getConnectors()) ((ServerConnector) c).setHost("127.0.0.1");
    proxy.start();
    proxy.join();
  }
}
