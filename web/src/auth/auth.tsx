import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { ApiError, onUnauthorized, request } from "../api/client.ts";
import type { Role, User } from "../api/types.ts";
import { clearApiCache } from "../api/use-api.ts";

/**
 * The signed-in user, from the session cookie (`GET /api/auth/me`). Any 401 from the API
 * (session expired, logged out elsewhere) returns the app to the login page.
 */
type AuthState =
  | { state: "checking" }
  | { state: "anonymous"; error?: ApiError }
  | { state: "signed-in"; user: User };

interface Auth {
  auth: AuthState;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>({ state: "checking" });

  useEffect(() => {
    const controller = new AbortController();
    request<{ user: User }>("GET", "/api/auth/me", { signal: controller.signal, quiet401: true })
      .then(({ user }) => setAuth({ state: "signed-in", user }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // 401 is the normal "not signed in"; anything else is shown on the login page.
        setAuth({
          state: "anonymous",
          error: error instanceof ApiError && error.status !== 401 ? error : undefined,
        });
      });
    const stop = onUnauthorized(() => {
      clearApiCache();
      setAuth({ state: "anonymous" });
    });
    return () => {
      controller.abort();
      stop();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { user } = await request<{ user: User }>("POST", "/api/auth/login", {
      body: { username, password },
      quiet401: true,
    });
    clearApiCache();
    setAuth({ state: "signed-in", user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await request<void>("POST", "/api/auth/logout", { quiet401: true });
    } finally {
      clearApiCache();
      setAuth({ state: "anonymous" });
    }
  }, []);

  return <AuthContext.Provider value={{ auth, login, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error("useAuth outside AuthProvider");
  return context;
}

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/** True when `user` has at least `role`. */
export const hasRole = (user: User, role: Role) => RANK[user.role] >= RANK[role];
