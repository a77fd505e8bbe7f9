"""The Korean headings of the lectures, by their English ones: sections.py cites a
section in the student's language. Written by `make notebooks` from content/ko/
(autograder/authoring/editions.py); do not edit."""

KOREAN_HEADINGS = {
    'ch01_computational_graph': {
        'Chapter 1 — Computational graphs (계산 그래프)':
            '1장 — 계산 그래프',
        '1. What backpropagation is for (오차역전파법)':
            '1. 오차역전파법은 무엇을 위한 것인가',
        '2. Computational graphs: nodes and edges (계산 그래프, 노드, 에지)':
            '2. 계산 그래프: 노드와 에지',
        '3. Solving a problem with a graph (계산 그래프로 풀다)':
            '3. 계산 그래프로 풀다',
        'Why does Python print `220.00000000000003`?':
            '파이썬은 왜 `220.00000000000003`을 출력할까?',
        '4. Local computation (국소적 계산)':
            '4. 국소적 계산',
        'Evaluating a graph in code':
            '코드로 그래프 계산하기',
        '5. Why solve problems with a graph? (왜 계산 그래프로 푸는가?)':
            '5. 왜 계산 그래프로 푸는가?',
        'Reason 1: local computation makes complicated things simple':
            '이유 1: 국소적 계산으로 복잡한 문제를 단순하게 만든다',
        'Reason 2: every intermediate value is kept':
            '이유 2: 중간 계산 결과를 모두 보관한다',
        'Reason 3 (the real reason): derivatives by backward propagation (역전파)':
            '이유 3 (진짜 이유): 역전파로 미분을 구한다',
        '6. Local derivatives of common nodes (국소적 미분)':
            '6. 자주 쓰는 노드의 국소적 미분',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch02_chain_rule': {
        'Chapter 2 — The chain rule (연쇄법칙)':
            '2장 — 연쇄법칙',
        '1. Backward propagation through one node (계산 그래프의 역전파)':
            '1. 노드 하나를 지나는 역전파',
        '2. Composite functions and the chain rule (합성 함수, 연쇄법칙)':
            '2. 합성 함수와 연쇄법칙',
        'Longer chains':
            '더 긴 연쇄',
        '3. The chain rule on the graph (연쇄법칙과 계산 그래프)':
            '3. 연쇄법칙과 계산 그래프',
        '4. Numerical differentiation: how we check a derivative (수치 미분)':
            '4. 수치 미분: 미분을 확인하는 방법',
        'Why not $h = 10^{-50}$?':
            '왜 $h = 10^{-50}$이 아닐까?',
        'Forward difference versus central difference':
            '전방 차분과 중심 차분',
        'Checking $\\partial z/\\partial x = 2(x+y)$ numerically':
            '$\\partial z/\\partial x = 2(x+y)$를 수치 미분으로 확인하기',
        '5. Fan-out: when one value is used twice (분기)':
            '5. 분기: 한 값이 두 번 쓰일 때',
        '6. Two questions from the study notes':
            '6. 학습 노트에서 나온 두 가지 질문',
        '"Why keep all the intermediate values?"':
            '"중간 값을 왜 모두 저장해 두나요?"',
        '"The derivative of the output tells how each node changes the final value. But training uses the loss: how are they connected?"':
            '"출력의 미분은 각 노드가 최종 값을 어떻게 바꾸는지 알려 줍니다. 그런데 학습에는 손실을 씁니다. 둘은 어떻게 이어지나요?"',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch03_add_mul_layers': {
        'Chapter 3 · Add and multiply nodes, and the first layers':
            '3장 · 덧셈 노드와 곱셈 노드, 그리고 첫 계층',
        '1 · Backward through an add node (덧셈 노드의 역전파)':
            '1 · 덧셈 노드의 역전파',
        '2 · Backward through a multiply node (곱셈 노드의 역전파)':
            '2 · 곱셈 노드의 역전파',
        '3 · The apple example, backward (사과 쇼핑의 예)':
            '3 · 사과 쇼핑의 예, 역전파',
        '4 · Quiz: apples and oranges':
            '4 · 퀴즈: 사과와 귤',
        '5 · Layers: nodes as Python objects (계층)':
            '5 · 계층: 파이썬 객체가 된 노드',
        '6 · The apple graph, built from layers':
            '6 · 계층으로 만든 사과 그래프',
        '7 · The apple-and-orange graph, built from layers (quiz answer)':
            '7 · 계층으로 만든 사과와 귤 그래프 (퀴즈 정답)',
        '8 · Floating-point noise: compare with `np.isclose` or `round`, never `==`':
            '8 · 부동소수점 오차: `==` 대신 `np.isclose`나 `round`로 비교하기',
        '9 · The same layers on numpy arrays':
            '9 · 넘파이 배열에서도 같은 계층',
        '10 · Spot the bug':
            '10 · 버그 찾기',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch04_activation_layers': {
        'Chapter 4 · Activation function layers: ReLU and Sigmoid':
            '4장 · 활성화 함수 계층: ReLU와 Sigmoid',
        '1 · Activation functions as layers (활성화 함수 계층)':
            '1 · 계층으로 구현하는 활성화 함수',
        '2 · ReLU and its derivative (ReLU 계층)':
            '2 · ReLU와 그 미분',
        '3 · The mask (마스크)':
            '3 · 마스크',
        '4 · The switch analogy (스위치)':
            '4 · 스위치 비유',
        '5 · ReLU as a class':
            '5 · 클래스로 만든 ReLU',
        "6 · Common slips: writing into someone else's array":
            '6 · 흔한 실수: 남의 배열에 쓰기',
        '7 · The sigmoid function and its computational graph (Sigmoid 계층)':
            '7 · 시그모이드 함수와 그 계산 그래프',
        '8 · Simplifying: one sigmoid node':
            '8 · 간소화: 시그모이드 노드 하나로',
        '9 · Three activation functions and their derivatives, side by side':
            '9 · 세 활성화 함수와 그 미분 나란히 보기',
        '10 · An extension: Tanh (쌍곡탄젠트)':
            '10 · 확장: Tanh (쌍곡탄젠트)',
        '11 · A numerically stable sigmoid (오버플로)':
            '11 · 수치적으로 안정한 시그모이드',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch05_affine': {
        'Chapter 5 · The Affine layer (Affine 계층)':
            '5장 · Affine 계층',
        '1 · What the Affine layer computes':
            '1 · Affine 계층이 계산하는 것',
        'Why "affine"?':
            "왜 '어파인'인가?",
        '2 · The shape rule of the matrix product (행렬의 곱)':
            '2 · 행렬의 곱과 형상 규칙',
        '3 · The Affine layer as a computational graph':
            '3 · 계산 그래프로 본 Affine 계층',
        '4 · Deriving the backward formulas element by element':
            '4 · 원소 단위로 역전파 식 유도하기',
        '5 · The shapes leave no other choice':
            '5 · 형상이 답을 하나로 정한다',
        '6 · A numerical check (수치 미분)':
            '6 · 수치 미분으로 확인하기',
        '7 · The batch version (배치용 Affine 계층)':
            '7 · 배치용 Affine 계층',
        'Why ∂L/∂B is a sum':
            '∂L/∂B가 합인 이유',
        '8 · Inputs with more than two axes':
            '8 · 축이 셋 이상인 입력',
        '9 · The `Affine` class':
            '9 · `Affine` 클래스',
        'Gradient check on random data':
            '무작위 데이터로 기울기 확인',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch06_softmax_with_loss': {
        'Chapter 6 · Softmax-with-Loss: the output layer and its loss':
            '6장 · Softmax-with-Loss: 출력층과 손실',
        '1 · From scores to probabilities (출력층, 소프트맥스 함수)':
            '1 · 점수에서 확률로: 소프트맥스 함수',
        '2 · Overflow, and the max trick (오버플로 대책)':
            '2 · 오버플로와 최댓값 빼기',
        '3 · A batch: one softmax per row (배치 처리)':
            '3 · 배치 처리: 행마다 소프트맥스 하나',
        '4 · Cross-entropy error (교차 엔트로피 오차)':
            '4 · 교차 엔트로피 오차',
        'Integer labels, batches, and a single sample':
            '정수 레이블, 배치, 그리고 샘플 하나',
        '5 · The Softmax-with-Loss layer (Softmax-with-Loss 계층)':
            '5 · Softmax-with-Loss 계층',
        'Deriving the backward pass':
            '역전파 유도하기',
        '6 · Why the result is so clean':
            '6 · 결과가 왜 이렇게 깔끔한가',
        '7 · Why `backward` takes `dout`':
            '7 · `backward`가 `dout`을 받는 이유',
        '8 · Why inference skips softmax (추론과 학습)':
            '8 · 추론에서 소프트맥스를 생략하는 이유',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch07_two_layer_net': {
        'Chapter 7 · A two-layer network that learns: backpropagation on MNIST':
            '7장 · 학습하는 2층 신경망: MNIST에서의 오차역전파법',
        '1 · The whole picture of learning (신경망 학습의 전체 그림)':
            '1 · 신경망 학습의 전체 그림',
        '2 · Why backpropagation: counting forward passes':
            '2 · 왜 오차역전파법인가: 순전파 횟수 세기',
        '3 · The layers, from chapters 4 to 6':
            '3 · 4~6장의 계층들',
        '4 · `TwoLayerNet`: the layers in order (오차역전파법을 적용한 신경망 구현하기)':
            '4 · `TwoLayerNet`: 계층을 순서대로',
        '5 · The data: MNIST (MNIST 데이터셋)':
            '5 · 데이터: MNIST 데이터셋',
        '6 · The gradient check (기울기 확인)':
            '6 · 기울기 확인',
        '7 · Training with backpropagation (오차역전파법을 사용한 학습 구현하기)':
            '7 · 오차역전파법을 사용한 학습',
        '8 · What the network sees':
            '8 · 신경망이 보는 것',
        '9 · Debugging clinic (디버깅 클리닉): stuck at 10 %':
            '9 · 디버깅 클리닉: 10 %에서 멈춘 정확도',
        '9.1 The symptom':
            '9.1 증상',
        '9.2 The gradient check points at the last layer':
            '9.2 기울기 확인이 마지막 계층을 가리킨다',
        '9.3 Checking the layers one at a time':
            '9.3 계층을 하나씩 확인하기',
        '9.4 The fix, and the proof':
            '9.4 수정, 그리고 증명',
        '9.5 Lessons from the clinic':
            '9.5 클리닉의 교훈',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
    'ch08_autograd': {
        'Chapter 8 · Backpropagation done automatically (자동 미분)':
            '8장 · 자동으로 하는 역전파: 자동 미분',
        '1 · From layers written by hand to automatic differentiation (자동 미분)':
            '1 · 손으로 쓴 계층에서 자동 미분으로',
        '2 · A graph that records itself: the tape (테이프)':
            '2 · 스스로 기록하는 그래프: 테이프',
        '3 · The backward sweep: reverse order, local derivative times upstream':
            '3 · 역전파 한 바퀴: 역순으로, 국소적 미분 곱하기 상류',
        '4 · Fan-out: gradients accumulate with `+=` (누적)':
            '4 · 분기: 기울기는 `+=`로 누적된다',
        '5 · Nodes that point to their inputs, and topological order (위상 정렬)':
            '5 · 입력을 가리키는 노드와 위상 정렬',
        '6 · Why a wrong order gives wrong gradients':
            '6 · 순서가 틀리면 기울기가 틀리는 이유',
        '7 · Calling backward twice: start every gradient at zero':
            '7 · backward를 두 번 부르면: 모든 기울기를 0에서 시작하기',
        '8 · More nodes: exp, log, ReLU, powers, and what composes':
            '8 · 노드 더 만들기: exp, log, ReLU, 거듭제곱, 그리고 합성',
        "9 · A tiny two-layer network, checked against chapter 7's layers":
            '9 · 작은 2층 신경망을 7장의 계층과 비교하기',
        '10 · Optional: the same idea in real libraries':
            '10 · 선택: 실제 라이브러리 속 같은 아이디어',
        'Glossary':
            '용어 정리',
        "What's next":
            '다음 장에서는',
    },
}
