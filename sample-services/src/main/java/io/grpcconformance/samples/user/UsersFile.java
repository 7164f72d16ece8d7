package io.grpcconformance.samples.user;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads the User service's {@code --users} YAML file:
 *
 * <pre>
 * roles:                       # role name → methods of com.example.User it may call ("*" = all)
 *   user: [Login, GetUser]
 *   admin: ["*"]
 * users:
 *   - username: alice
 *     password: alice-secret   # or passwordSha256: 64 hex digits (SHA-256 of the UTF-8 password)
 *     role: user
 * </pre>
 *
 * <p>Every problem is reported with the file and line; messages never contain a password.
 */
public final class UsersFile {

  private static final Pattern USERNAME =
      Pattern.compile("[\\x21-\\x7e]{1," + Accounts.MAX_USERNAME_CHARS + "}");
  private static final Pattern PASSWORD =
      Pattern.compile("[\\x20-\\x7e]{1," + Accounts.MAX_PASSWORD_CHARS + "}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> USER_KEYS =
      Set.of("username", "password", "passwordSha256", "role");

  private final String source;

  private UsersFile(String source) {
    this.source = source;
  }

  /** Reads and validates {@code file}. */
  public static Accounts load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsersFileException(
          file.toString(), 0, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, file.toString());
  }

  /** Parses YAML {@code text}; {@code source} names it in error messages. */
  public static Accounts parse(String text, String source) {
    return new UsersFile(source).parse(text);
  }

  private Accounts parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setCodePointLimit(1 << 20);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      // getMessage() would quote the offending line, which may hold a password: use the problem
      // only.
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new UsersFileException(
          source, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new UsersFileException(
          source, 0, "not valid YAML (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null) {
      throw new UsersFileException(source, 1, "is empty; expected the keys 'roles' and 'users'");
    }
    Map<String, Node> top = mapping(root, "the document", Set.of("roles", "users"));
    if (!top.containsKey("roles")) {
      throw error(root, "missing key 'roles'");
    }
    if (!top.containsKey("users")) {
      throw error(root, "missing key 'users'");
    }
    Map<String, Set<String>> roles = roles(top.get("roles"));
    List<Account> accounts = users(top.get("users"), roles);
    return Accounts.of(roles, accounts);
  }

  private Map<String, Set<String>> roles(Node node) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(node, "'roles' must be a mapping of role name to a list of methods");
    }
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String role = scalar(tuple.getKeyNode(), "a role name");
      if (roles.containsKey(role)) {
        throw error(tuple.getKeyNode(), "role '" + role + "' is defined twice");
      }
      if (!(tuple.getValueNode() instanceof SequenceNode methods)) {
        throw error(
            tuple.getValueNode(),
            "role '" + role + "' must list methods, e.g. [Login, GetUser] or [\"*\"]");
      }
      Set<String> permitted = new LinkedHashSet<>();
      for (Node methodNode : methods.getValue()) {
        String method = scalar(methodNode, "a method name");
        if (!method.equals(Accounts.ALL_METHODS) && !Accounts.METHODS.contains(method)) {
          throw error(
              methodNode,
              "role '"
                  + role
                  + "': unknown method '"
                  + method
                  + "' (expected Login, GetUser, DeleteUser or \"*\")");
        }
        permitted.add(method);
      }
      roles.put(role, permitted);
    }
    return roles;
  }

  private List<Account> users(Node node, Map<String, Set<String>> roles) {
    if (!(node instanceof SequenceNode sequence)) {
      throw error(node, "'users' must be a list of {username, password, role}");
    }
    List<Account> accounts = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Node entry : sequence.getValue()) {
      Map<String, Node> fields = mapping(entry, "a user", USER_KEYS);
      Node usernameNode = required(fields, entry, "username");
      String username = scalar(usernameNode, "username");
      if (!USERNAME.matcher(username).matches()) {
        throw error(
            usernameNode,
            "username must be 1.."
                + Accounts.MAX_USERNAME_CHARS
                + " printable ASCII characters without spaces");
      }
      if (!seen.add(username)) {
        throw error(usernameNode, "user '" + username + "' is defined twice");
      }
      Node roleNode = required(fields, entry, "role");
      String role = scalar(roleNode, "role");
      if (!roles.containsKey(role)) {
        throw error(
            roleNode, "user '" + username + "': role '" + role + "' is not defined under 'roles'");
      }
      accounts.add(new Account(username, role, passwordHash(fields, entry, username)));
    }
    return accounts;
  }

  private byte[] passwordHash(Map<String, Node> fields, Node entry, String username) {
    Node plain = fields.get("password");
    Node hashed = fields.get("passwordSha256");
    if ((plain == null) == (hashed == null)) {
      throw error(
          entry, "user '" + username + "': give exactly one of 'password' and 'passwordSha256'");
    }
    if (plain != null) {
      // Never echo the value: the messages below only describe it.
      String password = scalar(plain, "password");
      if (!PASSWORD.matcher(password).matches()) {
        throw error(
            plain,
            "user '"
                + username
                + "': password must be 1.."
                + Accounts.MAX_PASSWORD_CHARS
                + " printable ASCII characters (it travels as gRPC metadata)");
      }
      return Accounts.hash(password);
    }
    String hex = scalar(hashed, "passwordSha256");
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw error(hashed, "user '" + username + "': passwordSha256 must be 64 hexadecimal digits");
    }
    return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
  }

  private Map<String, Node> mapping(Node node, String what, Set<String> allowedKeys) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(
          node,
          what + " must be a mapping with keys " + String.join(", ", new TreeSet<>(allowedKeys)));
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode(), "a key");
      if (!allowedKeys.contains(key)) {
        throw error(
            tuple.getKeyNode(),
            "unknown key '"
                + key
                + "' in "
                + what
                + " (allowed: "
                + String.join(", ", new TreeSet<>(allowedKeys))
                + ")");
      }
      if (fields.put(key, tuple.getValueNode()) != null) {
        throw error(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
      }
    }
    return fields;
  }

  private Node required(Map<String, Node> fields, Node entry, String key) {
    Node node = fields.get(key);
    if (node == null) {
      throw error(entry, "a user needs '" + key + "'");
    }
    return node;
  }

  private String scalar(Node node, String what) {
    if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(scalar.getTag())) {
      throw error(node, what + " must be a non-empty value");
    }
    String value = scalar.getValue();
    if (value.isEmpty()) {
      throw error(node, what + " must not be empty");
    }
    return value;
  }

  private UsersFileException error(Node node, String problem) {
    return new UsersFileException(source, node.getStartMark().getLine() + 1, problem);
  }
}
