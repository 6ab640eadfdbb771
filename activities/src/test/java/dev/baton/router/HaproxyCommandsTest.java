package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.router.ServerStates.ServerState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime API lines baton sends, and how it reads HAProxy's answer about its servers. */
class HaproxyCommandsTest {

  @Test
  void aSwitchIsOneLineThatSetsTheWeightBeforeTheTargetTakesRequests() {
    List<String> commands = new java.util.ArrayList<>(HaproxyCommands.ready("shop", "dc2", 200));
    commands.add(HaproxyCommands.maint("shop", "dc1"));
    assertThat(HaproxyCommands.line(commands))
        .isEqualTo(
            "set server shop/dc2 weight 200; set server shop/dc2 state ready;"
                + " set server shop/dc1 state maint");
    assertThat(HaproxyCommands.showServersState("shop")).isEqualTo("show servers state shop");
    assertThat(HaproxyCommands.drain("shop", "dc1")).isEqualTo("set server shop/dc1 state drain");
  }

  @Test
  void weightsKeepTheOldSiteLargerAtFiftyPercent() {
    assertThat(HaproxyRouterActivities.weights(10)).containsExactly(181, 20);
    assertThat(HaproxyRouterActivities.weights(50)).containsExactly(101, 100);
    assertThat(HaproxyRouterActivities.weights(99)).containsExactly(3, 198);
  }

  // As HAProxy 2.6 answers: "disabled" in the config is admin state 5 (forced and config maint);
  // after "state ready" 4 remains (config maint only) and the server takes requests.
  static final String ANSWER =
      "1\n"
          + "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight"
          + " srv_iweight srv_time_since_last_change srv_check_status srv_check_result"
          + " srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id"
          + " srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr"
          + " srv_agent_addr srv_agent_port\n"
          + "3 shop 1 dc1 127.0.0.1 0 1 200 200 5 1 0 0 0 0 0 0 - 3000 - 0 0 - - 0\n"
          + "3 shop 2 dc2 127.0.0.1 2 4 20 200 5 1 0 0 8 0 0 0 - 3001 - 0 0 - - 0\n"
          + "4 other 1 dc1 10.0.0.1 2 0 1 1 5 1 0 0 8 0 0 0 - 80 - 0 0 - - 0\n"
          + "\n";

  @Test
  void showServersStateIsReadByColumnNameForOneBackend() {
    var servers = ServerStates.parse(ANSWER, "shop");
    assertThat(servers.keySet()).containsExactly("dc1", "dc2");
    ServerState dc1 = servers.get("dc1");
    ServerState dc2 = servers.get("dc2");
    assertThat(dc1.receivesNewRequests()).isFalse();
    assertThat(dc1.describe()).isEqualTo("dc1 (maint)");
    assertThat(dc2.receivesNewRequests()).isTrue();
    assertThat(dc2.address()).isEqualTo("127.0.0.1:3001");
    assertThat(dc2.describe()).isEqualTo("dc2 (ready, weight 20)");
  }

  @Test
  void anAnswerThatIsNotAServerStateTableIsRefusedWithItsFirstLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ServerStates.parse("Unknown command.\n", "shop"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unexpected answer to show servers state: Unknown command.");
  }
}
