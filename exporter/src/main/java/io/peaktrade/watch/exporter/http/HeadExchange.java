package io.peaktrade.watch.exporter.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A HEAD request answered by the GET handler: the same status and headers (Content-Length of the
 * body GET would send), and no body: what the handler writes is discarded.
 */
final class HeadExchange extends HttpExchange {

  private final HttpExchange get;

  HeadExchange(HttpExchange get) {
    this.get = get;
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (length > 0) {
      get.getResponseHeaders().set("Content-Length", Long.toString(length));
    }
    get.sendResponseHeaders(code, -1);
  }

  @Override
  public OutputStream getResponseBody() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public Headers getRequestHeaders() {
    return get.getRequestHeaders();
  }

  @Override
  public Headers getResponseHeaders() {
    return get.getResponseHeaders();
  }

  @Override
  public URI getRequestURI() {
    return get.getRequestURI();
  }

  @Override
  public String getRequestMethod() {
    return get.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return get.getHttpContext();
  }

  @Override
  public void close() {
    get.close();
  }

  @Override
  public InputStream getRequestBody() {
    return get.getRequestBody();
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return get.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return get.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return get.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return get.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return get.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    get.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    get.setStreams(in, out);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return get.getPrincipal();
  }
}
