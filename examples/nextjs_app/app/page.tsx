export default function Home () {
  return (
    <main>
      <h1>edgekit in Next.js</h1>
      <p>API routes: POST /api/lineups, POST /api/ltp, POST /api/drift.</p>
    </main>
  )
}
