package classify

var _ = examples("openai",
	tp("OPENAI_API_KEY=«OPENAI_KEY|sk-Xa1bC2dE3fG4hI5jK6lMT3BlbkFJnO7pQ8rS9tU0vW1xY2zA3b»"),
	tp(`"api_key": "«OPENAI_KEY|sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56T3BlbkFJAb12Cd34Ef56Gh78»"`),
	tp("«OPENAI_KEY|sk-proj-9fK2mQ7xLp4Rt8Vb3Nc6Zw1Hy5Jd0Sg2Ae7Ku4Io9Pl3Mx»"),
	fp("sk-ant-api03-abc is not OpenAI"),
	fp("use the sk- prefix"),
	fp("ask-questions-and-get-answers-from-the-docs-site-today"),
	fp("sk-1234567890abcdef1234567890abcdef"),
	fp("task-Xa1bC2dE3fG4hI5jK6lMT3BlbkFJnO7pQ8rS9tU0vW1xY2zA3b"),
)
