import Link from "next/link";

/** The share link as someone who is not signed in sees it: what they are invited to, then sign in or sign up. */
export function ShareInvitation({
  token,
  invitation,
}: {
  token: string;
  invitation: { projectName: string; role: string; invitedBy: string } | { error: string };
}) {
  const callbackUrl = encodeURIComponent(`/share/${token}`);
  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
      <Link href="/" className="text-2xl font-bold tracking-tight text-indigo-700">
        Vajra
      </Link>
      <div className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        {"error" in invitation ? (
          <p role="alert" className="text-sm text-rose-700">
            {invitation.error}
          </p>
        ) : (
          <>
            <h1 className="text-lg font-semibold">You were invited to “{invitation.projectName}”</h1>
            <p className="text-sm text-slate-600">
              {invitation.invitedBy} shared this project with you as {invitation.role === "editor" ? "an editor" : "a viewer"}. Sign in or create an account to
              join it.
            </p>
            <div className="flex gap-2">
              <Link
                href={`/signin?callbackUrl=${callbackUrl}`}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
              >
                Sign in to join
              </Link>
              <Link
                href={`/signup?callbackUrl=${callbackUrl}`}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                Create an account
              </Link>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
